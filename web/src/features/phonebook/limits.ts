// The phonebook's field limits, as the worker enforces them (worker/api/phonebook.ts).
export const NAME_MAX = 50;
export const MEMO_MAX = 100;
export const GROUP_NAME_MAX = 30;
