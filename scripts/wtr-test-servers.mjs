// Real servers for the browser transport tests, mounted on the test runner's dev server.
// (The transport tests add their routes here.)
export function testServersPlugin() {
  return { name: 'athanor-test-servers' };
}
