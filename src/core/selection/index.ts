/** Model selection: splits, cross-validation and hyperparameter search (Surprise's model_selection). */
export * from './splits.ts';
export * from './crossValidate.ts';
export * from './search.ts';
export * from './predefined.ts';
export * from './evaluation.ts';
export * from './folds.ts';
