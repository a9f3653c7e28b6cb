/**
 * The bundled samples (public/samples, served with the app: loading one needs no
 * network). Each comes with the item metadata of its rated items, attached in the
 * same save, so the first recommendations name products. Sources and licences:
 * public/samples/README.md.
 */
import type { ImportRequest } from '../../workers/protocol.ts';

export interface Sample {
  id: string;
  /** Dataset name after loading. */
  name: string;
  /** What the menu and the hint say. */
  label: string;
  blurb: string;
  fileName: string;
  url: string;
  metadata: { fileName: string; url: string };
}

const file = (name: string) => `${import.meta.env.BASE_URL}samples/${name}`;

export const SAMPLES: readonly Sample[] = [
  {
    id: 'digital-music',
    name: 'Sample: Amazon Digital Music 2014 (first 6,908 5-core reviews)',
    label: 'Amazon Digital Music (2014)',
    blurb: '6,908 album reviews by 2,490 users of 382 albums, all titled ("Pet Sounds", "Songs in the Key of Life"); most users rated 1–2 albums.',
    fileName: 'reviews_Digital_Music_5.first6908.json.gz',
    url: file('reviews_Digital_Music_5.first6908.json.gz'),
    metadata: { fileName: 'meta_Digital_Music.rated382.json.gz', url: file('meta_Digital_Music.rated382.json.gz') },
  },
  {
    id: 'gift-cards',
    name: 'Sample: Amazon Gift Cards 5-core (2018)',
    label: 'Amazon Gift Cards (2018)',
    blurb: '2,972 reviews by 458 users of 148 gift cards, all titled; 93% of the ratings are 5 stars.',
    fileName: 'Gift_Cards_5.json.gz',
    url: file('Gift_Cards_5.json.gz'),
    metadata: { fileName: 'meta_Gift_Cards.rated148.json.gz', url: file('meta_Gift_Cards.rated148.json.gz') },
  },
];

/** What loading a sample asks the data worker for: its ratings, with its titles attached in the same save. */
export function sampleImport(sample: Sample): ImportRequest {
  return {
    source: { url: sample.url },
    fileName: sample.fileName,
    name: sample.name,
    metadata: { source: { url: sample.metadata.url }, fileName: sample.metadata.fileName },
  };
}
