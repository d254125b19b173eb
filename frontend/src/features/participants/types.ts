import type { components } from '../../api/schema';

export type Participant = components['schemas']['Participant'];
export type EnrolRequest = components['schemas']['EnrolRequest'];
export type ImportReport = components['schemas']['ImportReport'];
export type ImportRow = components['schemas']['ImportRow'];
