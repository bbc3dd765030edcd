/** The kernel's data factory, signing with Node's digests. */
import { createDataFactory, type DataFactory, type DataFactoryOptions } from '../../kernel/factories/data-factory.ts';
import { nodeSigner } from './node-digests.ts';

export function nodeDataFactory(options: Omit<DataFactoryOptions, 'signer'>): DataFactory {
  return createDataFactory({ ...options, signer: nodeSigner });
}
