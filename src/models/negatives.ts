/** Seeded negative sampling for implicit-feedback losses: items the user has not rated. */
import type { Rng } from '../core/rng.ts';
import type { TrainData } from './model.ts';

/** Draws before settling for a possibly-rated item (a user who rated nearly everything). */
const TRIES = 20;

export class NegativeSampler {
  private readonly rated = new Set<number>();
  constructor(private readonly data: TrainData) {
    for (let k = 0; k < data.user.length; k++) this.rated.add(data.user[k] * data.nItems + data.item[k]);
  }

  isRated(user: number, item: number): boolean {
    return this.rated.has(user * this.data.nItems + item);
  }

  /** An item `user` has not rated in training, uniformly. */
  sample(user: number, rng: Rng): number {
    let item = rng.int(this.data.nItems);
    for (let k = 1; k < TRIES && this.isRated(user, item); k++) item = rng.int(this.data.nItems);
    return item;
  }
}
