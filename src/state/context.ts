import { createContext } from '@lit/context';
import type { ChatStore } from './chat-store.ts';

/** Carries a widget's store to the elements inside it. */
export const chatStoreContext = createContext<ChatStore | undefined>(Symbol('chatdrop-store'));
