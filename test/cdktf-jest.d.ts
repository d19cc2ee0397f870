// Types of cdktf's jest matchers, registered in test/setup-jest.ts.
import 'cdktf/lib/testing/adapters/jest';
