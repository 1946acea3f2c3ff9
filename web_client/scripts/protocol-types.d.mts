export const SCHEMA: string;
export const TARGET: string;
export function generate(): Promise<string>;
export function checkedIn(): string;
export function problemCodes(): string[];
