import type { components } from '../../api/schema';

export type Portrait = components['schemas']['Portrait'];
export type PortraitInput = components['schemas']['PortraitInput'];
export type PortraitStatus = components['schemas']['PortraitStatus'];
