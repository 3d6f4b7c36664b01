export { SrOnly } from './SrOnly';
