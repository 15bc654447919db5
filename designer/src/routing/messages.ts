/** Registers the routing designer's UI text (namespace "routing"). */
import { registerMessages } from '../i18n';
import { en } from './messages/en';
import { zh } from './messages/zh';

registerMessages('routing', { en, zh });
