/** Word lists for generated names: plain data, kept apart so the generator stays readable. */
export const GIVEN_NAMES = [
  'Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Sarah', 'Jade', 'Louise', 'Emma', 'Alice', 'Lucas', 'Hugo',
  'Louis', 'Gabriel', 'Arthur', 'Jules', 'Nathan', 'Paul', 'Adam', 'Raphaël', 'Malik', 'Yasmine', 'Nour',
  'Thomas', 'Julie', 'Marc', 'Sophie', 'Pierre', 'Claire', 'Antoine',
] as const;

export const FAMILY_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier',
  'Morel', 'Girard', 'André', 'Lefèvre', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez',
] as const;

export const COMPANY_WORDS = [
  'Atelier', 'Boulangerie', 'Cabinet', 'Garage', 'Pharmacie', 'Studio', 'Transports', 'Menuiserie',
  'Agence', 'Clinique', 'Librairie', 'Imprimerie',
] as const;

export const CITIES = ['Paris', 'Lyon', 'Marseille', 'Lille', 'Nantes', 'Bordeaux', 'Toulouse', 'Rennes'] as const;

export const CATEGORY_NAMES = [
  'Smartphones', 'Tablets', 'Laptops', 'Accessories', 'Connected home', 'Audio', 'TV & Video',
  'Mobile plans', 'Fibre & Internet', 'Insurance', 'Gaming', 'Wearables',
] as const;

export const PRODUCT_ADJECTIVES = [
  'Essential', 'Pro', 'Max', 'Lite', 'Plus', 'Ultra', 'Mini', 'Family', 'Business', 'Smart', 'Eco', 'Prime',
] as const;

export const PRODUCT_NOUNS = [
  'Phone', 'Tab', 'Book', 'Case', 'Hub', 'Buds', 'Screen', 'Plan', 'Box', 'Cover', 'Console', 'Watch',
] as const;

export const PARTNER_NAMES = [
  'TelcoShop', 'ConnectPlus', 'MobiStore', 'Digital Corner', 'NetPoint', 'PhoneHouse Régions',
  'Boutique Numérique', 'OuestTel', 'SudConnect', 'Est Distribution',
] as const;

export const WAREHOUSES = [
  { code: 'WH-PAR', name: 'Paris Nord' },
  { code: 'WH-LYO', name: 'Lyon Saint-Priest' },
  { code: 'WH-MRS', name: 'Marseille Fos' },
  { code: 'WH-LIL', name: 'Lille Lesquin' },
] as const;
