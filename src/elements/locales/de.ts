import { formatBytes, roughDuration } from '../../model/format.ts';
import type { TransferAction } from '../../upload/handler.ts';
import type { ChatStrings } from '../strings.ts';

/** `1,5 MB`: the English figure with a decimal comma. */
const fileSize = (bytes: number) => formatBytes(bytes).replace('.', ',');

/** Eine Wartezeit in Sekunden: `30 s`, `0,3 s`. */
const seconds = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1).replace('.', ',')} s`);

/** `Das Hochladen`, `Das Herunterladen`: what failed, to begin a sentence. */
const transfer = (action: TransferAction) => (action === 'upload' ? 'Das Hochladen' : 'Das Herunterladen');

/** German (Deutsch), shipped as proof that every word can be replaced. */
export const de: ChatStrings = {
  lang: 'de',
  fileSize,

  heading: 'Chat',
  statusOnline: 'Verbunden',
  statusConnecting: 'Verbindung wird aufgebaut…',
  statusOffline: 'Nicht verbunden',
  openChat: 'Chat öffnen',
  closeChat: 'Chat schließen',
  unreadMessages: (count) => (count === 1 ? '1 ungelesene Nachricht' : `${count} ungelesene Nachrichten`),
  dropToSend: 'Dateien hier ablegen, um sie zu senden',
  uploadStarted: (name) => `${name} wird hochgeladen`,
  uploadSent: (name) => `${name} gesendet`,
  uploadFailed: (name, reason) => `${name} fehlgeschlagen: ${reason}`,

  messageLabel: 'Nachricht',
  messagePlaceholder: 'Nachricht schreiben…',
  attach: 'Anhängen',
  attachLabel: 'Dateien anhängen',
  takePhoto: 'Foto aufnehmen',
  send: 'Senden',
  addCaption: 'Beschriftung hinzufügen…',
  trayLabel: 'Zu sendende Dateien',
  stagedDetails: 'Beschriftung, Beschreibung und Reihenfolge',
  captionPlaceholder: 'Beschriftung',
  captionLabel: (name) => `Beschriftung für ${name}`,
  altPlaceholder: 'Bild beschreiben (Alternativtext)',
  altLabel: (name) => `Beschreibung von ${name}`,
  remove: 'Entfernen',
  removeLabel: (name) => `${name} entfernen`,
  moveUpLabel: (name) => `${name} nach vorn verschieben`,
  moveDownLabel: (name) => `${name} nach hinten verschieben`,
  dragToReorder: 'Ziehen, um die Reihenfolge zu ändern',
  moved: (name, position, total) => `${name} an Position ${position} von ${total} verschoben`,
  dropToAttach: 'Dateien hier ablegen, um sie anzuhängen',
  refusedTooLarge: (name, size, limit) => {
    const [shown, allowed] = [fileSize(size), fileSize(limit)];
    return shown === allowed
      ? `„${name}“ ist größer als erlaubt (${allowed}).`
      : `„${name}“ ist ${shown} groß; erlaubt sind höchstens ${allowed}.`;
  },
  refusedType: (name) => `Dateien wie „${name}“ können hier nicht gesendet werden.`,
  refusedTooMany: (max) => `Sie können höchstens ${max} ${max === 1 ? 'Datei' : 'Dateien'} auf einmal senden.`,
  attachUnavailable: 'Dateien können gerade nicht angehängt werden. Prüfen Sie die Verbindung und versuchen Sie es erneut.',

  sending: 'Wird gesendet…',
  sent: 'Gesendet',
  notSent: 'Nicht gesendet',
  retry: 'Erneut versuchen',

  messagesLabel: 'Nachrichten',
  noMessages: 'Noch keine Nachrichten',
  newMessages: (count) => (count === 1 ? '1 neue Nachricht' : `${count} neue Nachrichten`),
  arrivedText: (name, text) => `${name}: ${text}`,
  arrivedFiles: (name, files) => `${name} hat ${new Intl.ListFormat('de', { type: 'conjunction' }).format(files)} gesendet`,
  arrivedMany: (count, last) => `${count} neue Nachrichten. Die letzte: ${last}`,
  today: 'Heute',
  yesterday: 'Gestern',

  waiting: 'Wartet…',
  waitingForConnection: 'Wartet auf die Verbindung: wird von selbst gesendet, sobald wieder verbunden.',
  notKeptAfterReload: 'Dieser Browser konnte die Datei nicht behalten: Wird die Seite neu geladen, bitte dieselbe Datei erneut wählen.',
  removeFile: 'Datei entfernen',
  pickSameFile: 'Dieselbe Datei wählen, um fortzusetzen',
  cancel: 'Abbrechen',
  download: 'Herunterladen',
  downloadAgain: 'Erneut herunterladen',
  saveAgain: 'Erneut speichern',
  save: 'Speichern',
  downloaded: 'Heruntergeladen',
  unavailable: 'Nicht verfügbar',
  fileUnavailable: 'Diese Datei ist nicht mehr verfügbar.',
  openImage: (description) => `Bild öffnen: ${description}`,
  moreImages: (count) => (count === 1 ? '1 weiteres Bild' : `${count} weitere Bilder`),
  play: (name) => `Abspielen: ${name}`,
  unsupportedLink: 'Nicht unterstützter Link',
  uploadFailedFallback: 'Das Hochladen ist fehlgeschlagen.',
  downloadFailedFallback: 'Das Herunterladen ist fehlgeschlagen.',
  failedCancelled: (action) => `${transfer(action)} wurde abgebrochen.`,
  failedNetwork: (action) => `${transfer(action)} ist fehlgeschlagen: Der Server ist nicht erreichbar. Prüfen Sie die Verbindung und versuchen Sie es erneut.`,
  failedInterrupted: 'Die Verbindung brach ab, bevor die ganze Datei angekommen war. Versuchen Sie es erneut.',
  failedTooLarge: (maxFileSize) =>
    maxFileSize === undefined ? 'Die Datei ist größer, als der Server annimmt.' : `Die Datei ist größer, als der Server annimmt (höchstens ${fileSize(maxFileSize)}).`,
  failedForbidden: (action) => `Der Server hat ${transfer(action).toLowerCase()} nicht erlaubt.`,
  failedBusy: 'Der Server ist ausgelastet. Versuchen Sie es gleich noch einmal.',
  failedServer: (action, status) => `${transfer(action)} ist wegen eines Serverfehlers${status === undefined ? '' : ` (${status})`} fehlgeschlagen. Versuchen Sie es erneut.`,
  failedRefused: (action, status) =>
    status === undefined ? `Der Server hat ${transfer(action).toLowerCase()} abgelehnt.` : `${transfer(action)} ist fehlgeschlagen (der Server antwortete ${status}).`,
  failedBadAnswer: 'Der Server hat nicht gesagt, wo er die Datei gespeichert hat. Versuchen Sie es erneut.',
  failedIntegrity: 'Die Datei ist beschädigt: Ihre Prüfsumme stimmt nicht.',
  failedNotAnImage: 'Diese Datei ist kein Bild.',
  failedUnsupportedLink: 'Diese Datei hat einen nicht unterstützten Link und kann nicht heruntergeladen werden.',
  failedNotConfigured: 'Das Senden von Dateien ist hier nicht eingerichtet.',
  uploaderUnavailable: 'Der Uploader konnte nicht geladen werden. Prüfen Sie die Verbindung und versuchen Sie es erneut.',
  fileCodeUnavailable: 'Dateien können gerade nicht gesendet oder abgerufen werden. Prüfen Sie die Verbindung und versuchen Sie es erneut.',
  failedFileNeeded: 'Die Seite wurde neu geladen, bevor diese Datei gesendet war, und der Browser konnte sie nicht behalten.',
  failedDifferentFile: 'Das ist nicht dieselbe Datei (Größe oder Anfang unterscheiden sich). Wählen Sie die Datei, die Sie gesendet haben.',
  preparingLabel: 'Vorbereiten',
  uploadingLabel: 'Hochladen',
  downloadingLabel: 'Herunterladen',
  stalledLabel: 'Stockt',
  retryingLabel: 'Neuer Versuch',
  progress: (label, percent) => `${label}… ${percent} %`,
  uploadProgress: (percent, sent, total, remainingMs) =>
    `Hochladen… ${percent} % · ${fileSize(sent)} von ${fileSize(total)}${remainingMs === undefined ? '' : ` · noch etwa ${roughDuration(remainingMs)}`}`,
  stalledFor: (ms) => `Stockt: seit ${seconds(ms)} kein Fortschritt`,
  retryingIn: (ms) => `Neuer Versuch in ${seconds(ms)}…`,
  lightboxLabel: (name, position, total) => `${name}, ${position} von ${total}`,
  imagePosition: (position, total) => `${position} von ${total}`,
  previousImage: 'Vorheriges Bild',
  nextImage: 'Nächstes Bild',
  zoomIn: 'Vergrößern',
  zoomOut: 'Verkleinern',
  closeLightbox: 'Schließen',
};
