// GraphQL Code Generator: the SDK's typed documents and wire types, from schema/schema.graphql and
// the documents in client/sdk/operations/*.graphql. Run `npm run codegen` after changing either;
// test/sdk/codegen.test.ts fails while client/sdk/generated/ is stale.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['client/sdk/operations/*.graphql'],
  ignoreNoDocuments: false,
  silent: true,
  generates: {
    'client/sdk/generated/': {
      preset: 'client',
      // The SDK reads whole results; masking would hide the fragments' fields behind a helper.
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        // The browser bundle resolves `.js` imports (NodeNext), as the SDK's own modules do.
        emitLegacyCommonJSImports: false,
        enumType: 'string-literal',
        // Documents as their query text: a fraction of the bundle the AST objects take.
        documentMode: 'string',
        strictScalars: true,
        // JSON holds mediasoup's parameters: the media session narrows them to mediasoup-client's types.
        scalars: { JSON: 'unknown', DateTime: 'string', Date: 'string' },
      },
    },
  },
};

export default config;
