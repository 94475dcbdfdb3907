// Public entry of @kycuong/domain: pure rules and API contracts shared by server and web.
export * from './text';
export * from './money';
export * from './calendar';
export * from './access/permissions';
export * from './errors';
export * from './contracts/common';
export * from './contracts/auth';
export * from './contracts/orgs';
export * from './contracts/people';
export * from './contracts/admin';
export * from './contracts/imports';
export * from './campaigns';
export * from './contracts/campaigns';
export * from './violations';
export * from './contracts/violations';
export * from './contracts/notifications';
export * from './contracts/calendar';
export { z } from 'zod';
