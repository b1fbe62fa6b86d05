/** The directory's example, the same in both languages (official names are given in both). */
const DIRECTORY_EXAMPLE = [
  '#',
  '# ministries:',
  '#   - en: Ministry of Example Affairs',
  '#     fr: Ministère des Affaires exemplaires',
  '#     acronym: MEA',
  'ministries: []',
  '# divisions:',
  '#   - en: Policy Division',
  '#     fr: Division des politiques',
  'divisions: []',
  '',
];

/**
 * The starter files of a new `.policy-memo/` folder, with comments in the writer's language. Each is
 * valid as it is (the defaults), so creating the folder changes no memo's findings.
 */
export const STARTER_FILES: Record<'en' | 'fr', Record<'config.yaml' | 'directory.yaml', string>> = {
  en: {
    'config.yaml': [
      '# Policy Memo settings for every memo under this folder (docs/config.md).',
      '#',
      '# French typography: canada (a no-break space before the colon only) or france.',
      'typography: canada',
      '#',
      '# A severity per rule (error, warning, information, hint), or off:',
      '# rules:',
      '#   acronym: warning',
      '#   parity: off',
      '#',
      '# The e-mail domains a contact may use:',
      '# contactDomains: [ontario.ca]',
      '#',
      '# Acronyms every reader knows, never to be spelled out:',
      '# acronyms: [OPS, MPP]',
      '',
    ].join('\n'),
    'directory.yaml': [
      '# Official names of ministries and divisions, in both languages; they add to the built-in',
      '# directory (or replace one of its names). Completion after ministry: and divisions: offers them.',
      ...DIRECTORY_EXAMPLE,
    ].join('\n'),
  },
  fr: {
    'config.yaml': [
      '# Paramètres de Policy Memo pour toutes les notes sous ce dossier (docs/config.fr.md).',
      '#',
      '# Typographie française\u00a0: canada (espace insécable avant le deux-points seulement) ou france.',
      'typography: canada',
      '#',
      '# Une gravité par règle (error, warning, information, hint), ou off\u00a0:',
      '# rules:',
      '#   acronym: warning',
      '#   parity: off',
      '#',
      '# Les domaines de courriel permis pour la personne-ressource\u00a0:',
      '# contactDomains: [ontario.ca]',
      '#',
      '# Les acronymes que tout lecteur connaît, à ne jamais développer\u00a0:',
      '# acronyms: [OPS, MPP]',
      '',
    ].join('\n'),
    'directory.yaml': [
      '# Noms officiels des ministères et des divisions, dans les deux langues; ils s\u2019ajoutent au',
      '# répertoire intégré (ou remplacent un de ses noms). La complétion après ministry: et divisions: les propose.',
      ...DIRECTORY_EXAMPLE,
    ].join('\n'),
  },
};
