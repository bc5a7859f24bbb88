// Words of the generated messages, most frequent first: French function words, then the
// vocabulary of a flat-rental marketplace (with its accents), then words few messages use. The
// generator draws ranks with a skew, so a word's share of messages falls with its rank and the
// queries hit realistic fractions: a stop word everywhere, "appartement" often, "véranda" rarely.

/** Splits a block of words separated by blanks and line breaks. */
function words(block: string): string[] {
  return block.split(/\s+/).filter((word) => word.length > 0);
}

/** Function words: the French configuration drops them, the plain one indexes them. */
const FUNCTION_WORDS = words(`
  je vous le la les de des un une et est pour pas à en du au avec nous il elle on que qui
  mais très bien oui non merci bonjour bonsoir sur dans ce cette mon votre encore déjà
  aussi peut être avez suis sommes êtes ça où
`);

/** The marketplace's everyday words. */
const COMMON_WORDS = words(`
  appartement loyer visite disponibilité disponible caution charges studio chambre meublé
  propriétaire locataire bail quartier métro étage ascenseur cuisine salle bain balcon
  parking prix mois euros dossier garant clés samedi dimanche lundi mardi mercredi jeudi
  vendredi demain matin soir rendez-vous annonce photos surface mètres pièces logement
  immeuble gardien entrée séjour lumineux calme proche centre gare école commerces
  transports bus tramway vélo voiture heure heures semaine prochaine possible intéressé
  intéressée question réponse message téléphone numéro adresse rue avenue boulevard ville
  Lyon Paris Marseille Bordeaux Nantes Lille Toulouse Rennes Grenoble électricité
  chauffage eau internet fibre compris inclus mensuel dépôt garantie contrat signature
  signer envoyer recevoir payer paiement virement montant frais agence état lieux
  inventaire meubles lit canapé table chaises armoire placard frigo four plaques
  lave-linge lave-vaisselle douche baignoire toilettes fenêtre fenêtres volets porte
  serrure sécurité propre propreté rénové neuf ancien équipée équipé spacieux agréable
  bruyant vue terrasse jardin cave grenier animaux chat chien fumeur étudiant étudiante
  salarié CDI revenus fiche paie avis imposition pièce identité justificatif domicile
  préavis départ arrivée emménager déménagement date début fin juillet août septembre
  octobre janvier été hiver rentrée réservation réserver confirmer confirmation annuler
  reporter retard attendre rappeler écrire répondre parfait super génial dommage problème
  réparation fuite plombier électricien chaudière radiateur
`);

/** Words few messages hold: a search for one of them returns a handful of hits. */
export const RARE_WORDS = words(`
  véranda mezzanine buanderie digicode interphone colocation piscine cheminée parquet
  moulures lucarne péniche duplex triplex loft souplex penthouse verrière patio pergola
  dressing cellier débarras véloroute funiculaire téléphérique crèche médiathèque
  boulangerie pharmacie laverie supérette marché fromagerie brasserie hammam sauna
  climatisation moustiquaire store barbecue potager poulailler ruche orangerie tonnelle
  chauffe-eau thermostat compteur disjoncteur fusible hygrométrie moisissure infiltration
  termites cafards souris punaises isolation double-vitrage diagnostic amiante plomb
  copropriété syndic règlement assemblée ravalement toiture gouttière façade escalier
  colimaçon rez-de-chaussée sous-sol combles vis-à-vis orientation ensoleillé traversant
  haussmannien atelier chambre-de-bonne viager usufruit indivision caducité huissier
  médiateur conciliateur tribunal préfecture mairie quittance régularisation indexation
  révision plafonnement encadrement
`);

/** `a[0], b[0], a[1], b[1]...`, then the rest of the longer one. */
export function interleave<T>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) out.push(a[i] as T);
    if (i < b.length) out.push(b[i] as T);
  }
  return out;
}

/**
 * All the words, most frequent first; the generator draws a skewed rank into this list. Function
 * and marketplace words alternate at the top, so "appartement" ranks second, as it would here.
 */
export const VOCABULARY: readonly string[] = interleave(FUNCTION_WORDS, COMMON_WORDS);

/** Counts the generator needs to know the tiers apart. */
export const VOCABULARY_SIZES = {
  functionWords: FUNCTION_WORDS.length,
  commonWords: COMMON_WORDS.length,
  rareWords: RARE_WORDS.length,
};
