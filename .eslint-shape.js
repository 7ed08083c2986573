// Size limits every plugin's source keeps (tests and generated tables
// aside): a file readable in one sitting, a function that does one thing.
module.exports = {
  overrides: [
    {
      files: ['src/**/*.{ts,tsx}'],
      excludedFiles: [
        '**/*.test.{ts,tsx}',
        '**/__testUtils__/**',
        '**/__fixtures__/**',
      ],
      rules: {
        'max-lines': ['error', { max: 400 }],
        'max-lines-per-function': ['error', { max: 120 }],
      },
    },
  ],
};
