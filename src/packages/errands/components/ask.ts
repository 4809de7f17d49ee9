export { confirmStep, said } from '../../../lib/ask'
