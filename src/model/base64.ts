/** Base64 of `bytes`. */
export const bytesToBase64 = (bytes: Uint8Array): string => btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''));

/** Base64 of a string's UTF-8 bytes (tus metadata, SASL credentials). */
export const textToBase64 = (text: string): string => bytesToBase64(new TextEncoder().encode(text));

/** The bytes base64 `text` stands for; throws (`InvalidCharacterError`) when it is not base64. */
export const base64ToBytes = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
