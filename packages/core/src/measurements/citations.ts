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
} as const;

export type CitationId = keyof typeof CITATIONS;
