/** The published sources our definitions follow; docs/clinical.md lists them in full. */
export const CITATIONS = {
  'legaye-1998': 'Legaye J, Duval-Beaupère G, et al. Pelvic incidence. Eur Spine J 1998;7:99–103',
  'cobb-1948': 'Cobb JR. Outline for the study of scoliosis. AAOS Instr Course Lect 1948;5:261–275',
  'schwab-2012': 'Schwab F, et al. SRS–Schwab adult spinal deformity classification. Spine 2012;37:1077–1082',
  'jackson-1994':
    'Jackson RP, McManus AC. Sagittal plane alignment and balance in standing volunteers. Spine 1994;19:1611–1618',
  'protopsaltis-2014': 'Protopsaltis T, et al. The T1 pelvic angle. J Bone Joint Surg Am 2014;96:1631–1640',
  'obeid-2016': 'Obeid I, et al. Global tilt. Eur Spine J 2016;25:3644–3649',
  'knott-2010': 'Knott PT, Mardjetko SM, Techy F. The T1 sagittal angle. Spine J 2010;10:994–998',
  'tang-2012':
    'Tang JA, et al. Standing regional cervical sagittal alignment and outcomes in posterior cervical fusion. Neurosurgery 2012;71:662–669',
  'taillard-1954':
    'Taillard W. Le spondylolisthésis chez l’enfant et l’adolescent. Acta Orthop Scand 1954;24:115–144',
  'meyerding-1932': 'Meyerding HW. Spondylolisthesis. Surg Gynecol Obstet 1932;54:371–377',
  'king-1983':
    'King HA, et al. The selection of fusion levels in thoracic idiopathic scoliosis. J Bone Joint Surg Am 1983;65:1302–1313',
  'lenke-2001':
    'Lenke LG, et al. Adolescent idiopathic scoliosis: a new classification. J Bone Joint Surg Am 2001;83:1169–1181',
  'morrissy-1990':
    'Morrissy RT, et al. Measurement of the Cobb angle on radiographs. J Bone Joint Surg Am 1990;72:320–327',
  'yilgor-2017':
    'Yilgor C, et al. Global Alignment and Proportion (GAP) score. J Bone Joint Surg Am 2017;99:1661–1672',
  'roussouly-2005':
    'Roussouly P, et al. Classification of the normal variation in the sagittal alignment of the human lumbar spine and pelvis in the standing position. Spine 2005;30:346–353',
  'laouissat-2018':
    'Laouissat F, Sebaaly A, Gehrchen M, Roussouly P. Classification of normal sagittal spine alignment: refounding the Roussouly classification. Eur Spine J 2018;27:2002–2011',
  'vaccaro-2005':
    'Vaccaro AR, et al. A new classification of thoracolumbar injuries: the TLICS. Spine 2005;30:2325–2333',
  'fisher-2010':
    'Fisher CG, et al. A novel classification system for spinal instability in neoplastic disease (SINS). Spine 2010;35:E1221–E1229',
  'ryan-2014':
    'Ryan DJ, Protopsaltis TS, et al. T1 pelvic angle (TPA) effectively evaluates sagittal deformity. Spine 2014;39:1203–1210',
  'lafage-2016':
    'Lafage R, et al. Defining spino-pelvic alignment thresholds: should operative goals in adult spinal deformity surgery account for age? Spine 2016;41:62–68',
} as const;

export type CitationId = keyof typeof CITATIONS;
