/** What the intake form keeps of the places below the tehsil (LGD codes; '' = none chosen). */
export type LocalChoice = { villageCode: string; gramPanchayatCode: string; wardCode: string };
export const NO_LOCAL: LocalChoice = { villageCode: '', gramPanchayatCode: '', wardCode: '' };
