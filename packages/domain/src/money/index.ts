// Money helpers: amounts of Vietnamese đồng.
export * from './amount-in-words';
