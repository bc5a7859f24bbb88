// What the demo users say, in French, as the marketplace's users would. `A` is the conversation's
// advertiser, `O` its owner. The long Lyon thread is built from rounds so it has enough history
// to page through (and plurals, accents and repeated words for search).

export type Line = readonly ['A' | 'O', string];

const days = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const candidates = [
  'Léa',
  'Thomas',
  'Inès',
  'Hugo',
  'Chloé',
  'Maxime',
  'Sarah',
  'Antoine',
  'Manon',
  'Lucas',
  'Zoé',
  'Karim',
];
const profiles = [
  'Surtout des actifs. {name} travaille à la Part-Dieu et a un garant.',
  'Plutôt des étudiants en master ; {name} a la garantie Visale.',
  'Un mélange des deux. {name} est infirmière à l’hôpital Édouard-Herriot.',
];
const verdicts = [
  'Parfait, son dossier me semble solide.',
  'Pouvez-vous vérifier ses trois dernières fiches de paie ?',
  'Je préfère attendre d’avoir d’autres dossiers avant de décider.',
  'Très bien, gardons sa candidature en tête de liste.',
];
const topics: ReadonlyArray<readonly [string, string]> = [
  [
    'Une candidate demande si les charges incluent l’eau chaude.',
    'Oui, l’eau chaude collective est comprise dans les charges.',
  ],
  [
    'On m’a demandé si le parking est inclus dans le loyer.',
    'Non, la place de parking est en option à 60 € par mois.',
  ],
  [
    'Plusieurs visiteurs ont remarqué la peinture écaillée dans la salle de bains.',
    'Je fais venir un peintre la semaine prochaine.',
  ],
  [
    'Le DPE est classé D, les visiteurs posent souvent la question.',
    'Les fenêtres à double vitrage ont été changées l’an dernier, vous pouvez le préciser.',
  ],
  [
    'Est-ce que les animaux sont acceptés ?',
    'Un chat ne me dérange pas, pas de chien en revanche.',
  ],
  [
    'La cuisine équipée plaît beaucoup, surtout le lave-vaisselle.',
    'Tant mieux, elle a été refaite en 2022.',
  ],
  [
    'Un couple souhaite emménager dès le 1er du mois prochain.',
    'C’est possible si l’état des lieux peut se faire avant.',
  ],
  [
    'On m’interroge sur la fibre optique.',
    'La fibre est installée dans l’immeuble depuis deux ans.',
  ],
  [
    'La caution demandée est-elle d’un ou de deux mois ?',
    'Un mois hors charges, comme la loi le prévoit pour un logement vide.',
  ],
  [
    'Le bruit de la rue a été mentionné par un visiteur.',
    'La chambre donne sur la cour, c’est très calme la nuit.',
  ],
  [
    'Les visiteurs aimeraient voir des photos du balcon.',
    'Je vous en envoie des plus récentes ce week-end.',
  ],
  [
    'Une candidate travaille de chez elle et demande si l’électricité a été refaite.',
    'Oui, l’électricité a été entièrement refaite et mise aux normes.',
  ],
];
const thanks = [
  'Très bien, merci !',
  'Parfait, bonne journée.',
  'D’accord, à bientôt.',
  'Merci pour ce suivi régulier.',
];

const lyonOpening: Line[] = [
  ['A', 'Bonjour Élodie, l’annonce du T2 est en ligne depuis ce matin.'],
  ['O', 'Bonjour Camille, merci ! Les photos rendent bien ?'],
  ['A', 'Oui, la lumière du salon ressort très bien. J’ai déjà reçu cinq demandes de visite.'],
  ['O', 'Déjà ? Super nouvelle.'],
  ['A', 'Je propose de regrouper les visites le mardi et le samedi matin.'],
  ['O', 'Ça me va. Je laisse les clés à l’agence mercredi.'],
  ['A', 'Parfait. Le loyer reste à 890 € charges comprises ?'],
  ['O', 'Oui, 890 € CC, avec 60 € de provisions sur charges.'],
  ['A', 'Noté. Je vous fais un point après chaque série de visites.'],
  ['O', 'Merci beaucoup, à bientôt.'],
];

const lyonClosing: Line[] = [
  ['A', 'Bonne nouvelle : Inès a confirmé, elle accepte le bail à partir du 1er.'],
  ['O', 'Génial ! Son dossier était le plus complet.'],
  ['A', 'Je prépare le bail et je vous l’envoie pour signature électronique.'],
  ['O', 'Parfait. Qui s’occupe de l’état des lieux d’entrée ?'],
  ['A', 'Moi-même, le 30 à 18 h, si cela vous convient.'],
  ['O', 'Oui, je passerai peut-être en fin de visite.'],
  ['A', 'Pensez à relever les compteurs d’eau et d’électricité la veille.'],
  ['O', 'C’est noté, je m’en occupe.'],
  ['A', 'Le bail est signé des deux côtés 🎉'],
  ['O', 'Merci Camille, excellent travail !'],
  ['A', 'Je retire l’annonce du site et je préviens les autres candidats.'],
  ['O', 'Pouvez-vous garder le dossier de Thomas au cas où ?'],
  ['A', 'Bien sûr, avec son accord je le conserve trois mois.'],
  ['O', 'Parfait.'],
  ['A', 'État des lieux terminé, tout est conforme. Je vous envoie le PDF.'],
  ['O', 'Reçu, merci. La peinture de la salle de bains est bien passée ?'],
  ['A', 'Oui, la locataire a même remarqué que c’était tout neuf.'],
  ['O', 'Tant mieux !'],
  ['A', 'Le premier loyer sera versé sur votre compte le 5.'],
  ['O', 'Très bien. Et pour le studio de la Croix-Rousse, on en reparle la semaine prochaine ?'],
  ['A', 'Avec plaisir, je vous propose un appel lundi.'],
  ['O', 'Lundi 10 h, ça vous va ?'],
  ['O', 'Et merci encore pour tout le suivi des visites !'],
];

/** 129 lines: an opening, twelve rounds of visits, a closing (with the system message, 130). */
export function lyonT2Script(): Line[] {
  const rounds: Line[] = [];
  for (let r = 0; r < 12; r++) {
    const day = days[r % days.length] ?? 'lundi';
    const name = candidates[r] ?? 'Léa';
    const [question, answer] = topics[r] ?? ['', ''];
    rounds.push(
      ['A', `Nouveau point sur les visites du T2 : ${3 + ((r * 5) % 4)} visites prévues ${day}.`],
      [
        'O',
        r % 2 === 0
          ? 'Merci Camille. Les candidats sont-ils plutôt étudiants ou actifs ?'
          : 'Merci ! Quels profils cette fois-ci ?',
      ],
      ['A', (profiles[r % profiles.length] ?? '').replace('{name}', name)],
      ['O', verdicts[r % verdicts.length] ?? ''],
      ['A', question],
      ['O', answer],
      ['A', `Je vous envoie le compte rendu des visites ${day} soir.`],
      ['O', thanks[r % thanks.length] ?? ''],
    );
  }
  return [...lyonOpening, ...rounds, ...lyonClosing];
}

export const croixRousseScript: Line[] = [
  ['A', 'Bonjour Marc, le studio meublé est prêt à être publié.'],
  ['O', 'Bonjour ! Vous avez bien l’inventaire du mobilier ?'],
  ['A', 'Oui, je l’ai joint au dossier : lit, bureau, plaques, micro-ondes et lave-linge.'],
  ['O', 'Parfait. Je vise plutôt un étudiant pour la rentrée.'],
  ['A', 'Entendu, je mets l’annonce en avant sur les sites étudiants.'],
  ['O', 'Quel loyer conseillez-vous ?'],
  ['A', '620 € charges comprises me semble juste pour le quartier.'],
  ['O', 'Allons-y pour 620 €.'],
  ['A', 'Annonce publiée ! Trois messages reçus dans l’heure.'],
  ['A', 'Une étudiante en architecture souhaite visiter demain à 17 h.'],
  ['A', 'Pouvez-vous me confirmer que le lave-linge a été réparé ?'],
];

export const rezeScript: Line[] = [
  ['O', 'Bonjour Julien, je souhaite mettre la maison de Rezé en location.'],
  ['A', 'Bonjour Nadia, avec plaisir. Quand puis-je passer faire les photos ?'],
  ['O', 'Jeudi après-midi, le jardin sera tondu.'],
  ['A', 'Parfait, jeudi 15 h.'],
  ['A', 'Photos faites, le jardin est superbe avec la lumière de l’après-midi.'],
  ['O', 'Merci ! Je vous laisse rédiger l’annonce.'],
  ['A', 'Voici une proposition de titre : « Maison 4 pièces avec jardin – Rezé ».'],
  ['O', 'Très bien. Mentionnez le garage, c’est important.'],
  ['A', 'C’est ajouté, ainsi que la proximité du tramway.'],
  ['O', 'Super.'],
  ['A', 'Loyer envisagé : 1 250 € hors charges. Qu’en pensez-vous ?'],
  ['O', 'C’est un peu bas, les maisons voisines sont à 1 300 €.'],
  ['A', 'Elles ont une pièce de plus. Je propose 1 250 € pour louer vite.'],
  ['O', 'D’accord, on commence à 1 250 € et on ajuste si besoin.'],
  ['A', 'Annonce en ligne. Premières visites samedi.'],
  ['A', 'Quatre familles intéressées après les visites de samedi.'],
  ['O', 'Des enfants ? Le jardin n’est pas clôturé côté rue.'],
  ['A', 'Deux familles avec de jeunes enfants, elles ont posé la question.'],
  ['O', 'Je peux faire poser une clôture avant l’entrée dans les lieux.'],
  ['A', 'Ce serait un vrai plus, je le leur dis.'],
  ['O', 'Faites-moi un devis si vous connaissez quelqu’un.'],
  ['A', 'Je vous transmets deux devis demain.'],
  ['A', 'Devis reçus : 1 800 € et 2 150 €, pose comprise.'],
  ['O', 'Je prends le premier. Merci Julien !'],
];

export const ileDeNantesScript: Line[] = [
  ['A', 'Bonjour Élodie, le T3 de l’Île de Nantes est loué !'],
  ['O', 'Déjà ? Merci Julien !'],
  ['A', 'Le bail commence le 1er, l’état des lieux est prévu la veille.'],
  ['O', 'Parfait, je serai là.'],
  ['A', 'N’oubliez pas les deux badges du parking.'],
  ['O', 'Je les dépose à l’agence demain.'],
  ['A', 'Bien reçus, merci.'],
];

export const chartronsScript: Line[] = [
  [
    'A',
    'Bonjour Marc, j’ai une question sur le loft des Chartrons : la mezzanine est-elle comptée dans la surface ?',
  ],
  ['O', 'Bonjour Sophie, non, seulement les 68 m² du niveau principal.'],
];
