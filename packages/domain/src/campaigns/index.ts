// Union campaigns: status machine, ledger rules and participation figures.
export * from './status';
export * from './ledger';
export * from './participation';
export * from './amount-input';
