/**
 * i18next set-up: Vietnamese by default, English as the second language. Before sign-in the
 * choice is remembered in localStorage; after sign-in the user's saved preference wins.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setRequestLocale } from '../api/client';
import { en } from './en';
import { vi } from './vi';

export type Locale = 'vi' | 'en';
const STORAGE_KEY = 'kycuong.locale';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof vi };
  }
}

function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function currentLocale(): Locale {
  return i18n.language === 'en' ? 'en' : 'vi';
}

/** Switches the UI language locally (the caller saves it on the server when signed in). */
export async function applyLocale(locale: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  setRequestLocale(locale);
  document.documentElement.lang = locale;
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

const initial = storedLocale();
setRequestLocale(initial);
document.documentElement.lang = initial;

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
