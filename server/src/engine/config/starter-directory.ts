import type { Directory } from './types';

/**
 * The directory shipped with the extension: official Ontario names in both languages, at least
 * every ministry and division of the customer's reference memo. A workspace's
 * `.policy-memo/directory.yaml` adds to it and overrides entries with the same English or French name.
 */
export const starterDirectory: Directory = {
  ministries: [
    {
      en: 'Ministry of Children, Community and Social Services',
      fr: "Ministère des Services à l'enfance et des Services sociaux et communautaires",
      acronym: { en: 'MCCSS', fr: 'MSESC' },
    },
    {
      en: 'Ministry of Labour, Training and Skills Development',
      fr: 'Ministère du Travail, de la Formation et du Développement des compétences',
      acronym: { en: 'MLTSD', fr: 'MTFDC' },
    },
    {
      en: 'Ministry of Labour, Immigration, Training and Skills Development',
      fr: "Ministère du Travail, de l'Immigration, de la Formation et du Développement des compétences",
      acronym: { en: 'MLITSD', fr: 'MTIFDC' },
    },
    { en: 'Ministry of Municipal Affairs and Housing', fr: 'Ministère des Affaires municipales et du Logement' },
    { en: 'Ministry of Health', fr: 'Ministère de la Santé' },
    { en: 'Ministry of Education', fr: "Ministère de l'Éducation" },
    { en: 'Ministry of Finance', fr: 'Ministère des Finances' },
    { en: 'Ministry of the Attorney General', fr: 'Ministère du Procureur général' },
  ],
  divisions: [
    {
      en: 'Social Assistance Operations Division',
      fr: "Division des opérations relatives à l'aide sociale",
      ministry: 'MCCSS',
    },
    {
      en: 'Social Assistance Policy, Planning and Innovation Division',
      fr: "Division des politiques, de la planification et de l'innovation en matière d'aide sociale",
      ministry: 'MCCSS',
    },
    { en: 'Employment and Training Division', fr: "Division de l'emploi et de la formation", ministry: 'MLTSD' },
  ],
};
