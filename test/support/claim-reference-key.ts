/** The claim-reference key of the tests' scrub services: long enough to pass the config's check. */
export const TEST_CLAIM_REFERENCE_KEY = 'test-claim-reference-key-0123456789abcdef';
