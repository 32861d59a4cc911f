import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem, invalidInput } from '../../domain/errors.js';
import { contextOf } from '../access.js';
import { checkFileName } from '../fileName.js';
import { errorBody, idParams } from '../schemas/common.js';
import { calibrationMarker, radiograph, radiographBody, radiographPatch } from '../schemas/resources.js';

const audit = (resourceType: 'radiograph' | 'image', action: 'read' | 'create' | 'update' | 'delete') => ({
  resourceType,
  action,
  idParam: 'id',
});

export const radiographRoutes: FastifyPluginAsyncZod = async (app) => {
  const radiographs = app.services.radiographs;
  const tags = ['radiographs'];

  app.post('/cases/:id/radiographs', {
    config: {
      access: { permission: 'imaging:write', audit: { resourceType: 'radiograph', action: 'create' } },
    },
    schema: {
      tags,
      summary: 'Add a radiograph (view, posture, date, calibration) to a case; upload its image next',
      params: idParams,
      body: radiographBody,
      response: { 201: radiograph, 404: errorBody },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await radiographs.create(contextOf(request), request.params.id, request.body)),
  });

  app.get('/radiographs/:id', {
    config: { access: { permission: 'imaging:read', audit: audit('radiograph', 'read') } },
    schema: {
      tags,
      summary: 'Read a radiograph',
      params: idParams,
      response: { 200: radiograph, 404: errorBody },
    },
    handler: (request) => radiographs.get(contextOf(request), request.params.id),
  });

  app.patch('/radiographs/:id', {
    config: { access: { permission: 'imaging:write', audit: audit('radiograph', 'update') } },
    schema: {
      tags,
      summary:
        'Change posture, date, calibration, orientation, follow-up visit or description (not the view)',
      params: idParams,
      body: radiographPatch,
      response: { 200: radiograph },
    },
    handler: (request) => radiographs.update(contextOf(request), request.params.id, request.body),
  });

  app.delete('/radiographs/:id', {
    config: { access: { permission: 'imaging:write', audit: audit('radiograph', 'delete') } },
    schema: {
      tags,
      summary: 'Delete a radiograph and its landmark sets',
      params: idParams,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await radiographs.remove(contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.put('/radiographs/:id/image', {
    config: { access: { permission: 'imaging:write', audit: audit('image', 'update') } },
    schema: {
      tags,
      summary: 'Upload the image (multipart/form-data, one file: DICOM, PNG or JPEG), streamed to disk',
      consumes: ['multipart/form-data'],
      params: idParams,
      response: { 200: radiograph, 400: errorBody, 413: errorBody, 415: errorBody },
    },
    handler: async (request) => {
      if (!request.isMultipart()) {
        throw new Problem(
          'unsupported-media-type',
          'send the image as multipart/form-data with one file field',
        );
      }
      const part = await request.file();
      if (part === undefined) throw invalidInput('the form has no file: add one file field with the image');
      const fileName = checkFileName(part.filename);
      const saved = await radiographs.attachImage(
        contextOf(request),
        request.params.id,
        part.file,
        fileName,
        () => part.file.truncated,
      );
      return saved;
    },
  });

  app.post('/radiographs/:id/calibration/marker', {
    config: { access: { permission: 'imaging:write', audit: audit('radiograph', 'update') } },
    schema: {
      tags,
      summary: 'Calibrate from a marker of known size (ruler or ball) placed at the level of the spine',
      params: idParams,
      body: calibrationMarker,
      response: { 200: radiograph, 400: errorBody, 404: errorBody },
    },
    handler: (request) =>
      radiographs.calibrateWithMarker(contextOf(request), request.params.id, request.body),
  });

  app.get('/radiographs/:id/report', {
    config: {
      access: {
        permission: 'imaging:read',
        audit: { resourceType: 'measurement-report', action: 'create', idParam: 'id' },
      },
    },
    schema: {
      tags,
      summary:
        'The measurement report of the latest landmark set as DICOM SR (TID 1500), referencing the DICOM image',
      params: idParams,
    },
    handler: async (request, reply) => {
      const report = await app.services.reports.build(contextOf(request), request.params.id);
      return reply
        .header('content-type', 'application/dicom')
        .header('content-disposition', `attachment; filename="measurement-report.dcm"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(report.bytes.buffer, report.bytes.byteOffset, report.bytes.byteLength));
    },
  });

  app.get('/radiographs/:id/image', {
    config: { access: { permission: 'imaging:read', audit: audit('image', 'read') } },
    schema: { tags, summary: 'Download the image, as uploaded', params: idParams },
    handler: async (request, reply) => {
      const image = await radiographs.openImage(contextOf(request), request.params.id);
      return reply
        .header('content-type', image.mediaType)
        .header('content-length', image.sizeBytes)
        .header('etag', `"${image.sha256}"`)
        .header('cache-control', 'private, max-age=0, must-revalidate')
        .header('x-content-type-options', 'nosniff')
        .send(image.stream);
    },
  });
};
