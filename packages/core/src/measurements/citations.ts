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
  'schwab-2014':
    'Schwab F, Blondel B, Chay E, et al. The comprehensive anatomical spinal osteotomy classification. Neurosurgery 2014;74:112',
  'uribe-2018':
    'Uribe JS, Schwab F, Mundis GM, et al. The comprehensive anatomical spinal osteotomy and anterior column realignment classification. J Neurosurg Spine 2018;29:565–575',
  'efort-2017-osteotomies':
    'Review of spinal deformity osteotomies (SPO, PSO, BDBO, VCR). EFORT Open Rev 2017;2:73–82, doi 10.1302/2058-5241.2.160069 (PMC5420824)',
  'regional-correction-2022':
    'Establish simultaneous focal and regional corrective guidelines accounting for reciprocal global and pelvic compensation (433 ASD patients). PMC9609531',
  'lafage-2011':
    'Lafage V, Schwab F, Vira S, et al. Spino-pelvic parameters after surgery can be predicted: a preliminary formula and validation of standing alignment. Spine 2011;36:1037',
  'misenhimer-1989':
    'Anatomic analysis of pedicle cortical and cancellous diameter as related to screw size (six cadaver spines). Spine 1989;14(4) (Misenhimer GR, et al.)',
  'solitro-2019':
    'Solitro GF, Whitlock K, Amirouche F, Mehta AI, McDonnell A. Currently adopted criteria for pedicle screw diameter selection. Int J Spine Surg 2019;13(2):132',
  'barton-2015':
    'Barton C, Noshchenko A, Patel V, et al. Risk factors for rod fracture after posterior correction of adult spinal deformity with osteotomy. Scoliosis 2015;10:30',
  'smith-2012-rod-fracture':
    'Smith JS, Shaffrey CI, Ames CP, et al. Assessment of symptomatic rod fracture after posterior instrumented fusion for adult spinal deformity (442 patients, ISSG). Neurosurgery 2012 Oct',
  'smith-2014-rod-fracture':
    'Smith JS, Shaffrey E, Klineberg E, et al. Prospective multicenter assessment of risk factors for rod fracture following surgery for adult spinal deformity. J Neurosurg Spine 2014;21:994–1003',
  'smith-2016-complications':
    'Smith JS, et al. Prospective multicenter assessment of perioperative and minimum 2-year postoperative complication rates associated with adult spinal deformity surgery. J Neurosurg Spine 2016;25:1–14',
  'scoli-risk-1-lems':
    'AO Spine / SRS Scoli-RISK-1 Study Group (Lenke LG, et al.). Lower extremity motor function following complex adult spinal deformity surgery: two-year follow-up in the Scoli-RISK-1 prospective, multicenter, international study',
  'buchowski-2007':
    'Buchowski JM, Bridwell KH, Lenke LG, et al. Neurologic complications of lumbar pedicle subtraction osteotomy: a 10-year assessment. Spine 2007;32:2245–2252',
  'burton-2016':
    'Burton DC, Carlson BB, Place HM, et al. Results of the Scoliosis Research Society Morbidity and Mortality Database 2009–2012. Spine Deform 2016;4:338–343',
  'auerbach-2012':
    'Auerbach JD, Lenke LG, Bridwell KH, et al. Major complications and comparison between 3-column osteotomy techniques in 105 consecutive spinal deformity procedures',
  'sciubba-2015':
    'A comprehensive review of complication rates after surgery for adult deformity: a reference for informed consent. Spine Deform 2015 (doi 10.1016/j.jspd.2015.04.005)',
  'raman-2020':
    'Raman T, Vasquez-Montes D, Varlotta C, Passias PG, Errico TJ. Decision tree-based modelling for identification of predictors of blood loss and transfusion requirement after adult spinal deformity surgery. Int J Spine Surg 2020;14(1):87',
  'judy-2023':
    'Judy BF, Tracz JA, Alomari S, Witham TF. Patient optimization for the prevention of proximal junctional kyphosis. Int J Spine Surg 17(S2):S18',
  'kim-2019-pjk':
    'Kim JS, Phan K, Cheung ZB, et al. Surgical, radiographic, and patient-related risk factors for proximal junctional kyphosis: a meta-analysis (14 studies, 1908 patients; PMID 30775206)',
  'miller-2018-frailty':
    'Miller EK, Vila-Casademunt A, Neuman BJ, et al. External validation of the adult spinal deformity (ASD) frailty index (ASD-FI). Eur Spine J 2018 (doi 10.1007/s00586-018-5575-3)',
  'quarto-2022':
    'Quarto E, Zanirato A, Pellegrini M, et al. Systematic review of the GAP score and mechanical complications (11 studies, 1517 patients). Eur Spine J 2022 (doi 10.1007/s00586-022-07386-6)',
  'asd-lumbar-fusion-2020':
    'Risk factors for adjacent segment degeneration after posterior lumbar fusion surgery in treatment for degenerative lumbar disorders: a meta-analysis. J Orthop Surg Res 2020;15:582',
  'lau-2021':
    'Lau KKL, Samartzis D, To NSC, et al. Demographic, surgical, and radiographic risk factors for symptomatic adjacent segment disease after lumbar fusion: a systematic review and meta-analysis. J Bone Joint Surg Am 2021;103:1438',
  'fairbank-2000':
    'Fairbank JCT, Pynsent PB. The Oswestry Disability Index. Spine 2000;25:2940–2952 (scoring as in the questionnaire’s published scoring instructions)',
  'srs22r-scoring':
    'SRS-22r scoring: items 1–5 each; domain = mean of answered items, a 5-item domain needs ≥ 3 answers (item-to-domain map as documented in the BifactorIndicesCalculator R package, SRS_data)',
  'yoshida-2019':
    'Yoshida G, Hasegawa T, Yamato Y, et al. Minimum clinically important differences in Oswestry Disability Index domains and their impact on adult spinal deformity surgery. Asian Spine J 2019;13(1):35–44',
  'parai-2020':
    'Parai C, Hägg O, Lind B, Brisby H. ISSLS prize in clinical science 2020: the reliability and interpretability of score change in lumbar spine research. Eur Spine J (doi 10.1007/s00586-019-06222-8)',
  'srs22r-mcid-asls-2018':
    'SRS-22R minimum clinically important difference and substantial clinical benefit after adult lumbar scoliosis surgery. Spine Deform 2018;6(1):79–83 (doi 10.1016/j.jspd.2017.05.006)',
  'glattes-2005':
    'Glattes RC, Bridwell KH, Lenke LG, et al. Proximal junctional kyphosis in adult spinal deformity following long instrumented posterior spinal fusion. Spine 2005;30:1643–1649',
} as const;

export type CitationId = keyof typeof CITATIONS;
