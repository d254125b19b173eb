import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Session = Schemas['Session'];
export type CohortSessions = Schemas['CohortSessions'];
export type SessionInput = Schemas['SessionInput'];
export type SessionPatch = Schemas['SessionPatch'];
export type Warning = Schemas['Warning'];
export type Booking = Schemas['Booking'];
export type BookingCreated = Schemas['BookingCreated'];
export type SessionFacilitator = Schemas['SessionFacilitator'];
export type Speaker = Schemas['Speaker'];
export type SpeakerProfile = Schemas['SpeakerProfile'];
export type BookingStatus = Booking['status'];
