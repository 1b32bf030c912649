// GraphQL Code Generator: typed documents and wire types from schema/schema.graphql for
//   - the SDK: the documents in client/sdk/operations/*.graphql → client/sdk/generated/
//   - the dashboard: the graphql(`…`) calls in client/dashboard/**/*.{ts,tsx} → client/dashboard/generated/
// Run `npm run codegen` after changing any of them; test/sdk/codegen.test.ts fails while either is stale.
import type { CodegenConfig } from '@graphql-codegen/cli';

/** Both read whole results (masking would hide the fragments' fields behind a helper). */
const browserOutput = (documents: string[], config: Record<string, unknown> = {}) => ({
  documents,
  preset: 'client' as const,
  presetConfig: { fragmentMasking: false },
  config: {
    useTypeImports: true,
    // The browser bundles resolve `.js` imports (NodeNext), as the sources do.
    emitLegacyCommonJSImports: false,
    enumType: 'string-literal',
    strictScalars: true,
    // JSON holds mediasoup's parameters: the media session narrows them to mediasoup-client's types.
    scalars: { JSON: 'unknown', DateTime: 'string', Date: 'string' },
    ...config,
  },
});

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  ignoreNoDocuments: false,
  silent: true,
  generates: {
    // Documents as their query text: a fraction of the bundle the AST objects take.
    'client/sdk/generated/': browserOutput(['client/sdk/operations/*.graphql'], { documentMode: 'string' }),
    // Typed AST documents: urql infers each query's data and variables from them.
    'client/dashboard/generated/': browserOutput(['client/dashboard/**/*.{ts,tsx}', '!client/dashboard/generated/**']),
  },
};

export default config;
