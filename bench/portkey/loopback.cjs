// Preloaded into Portkey (node --require): its start-server.js listens without a host, i.e. on every interface.
// The benchmark stays on loopback, so a listen() that names no host gets 127.0.0.1. Independent of Portkey's
// bundled (minified) code, which a version bump would change.
'use strict';
const net = require('net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const first = args[0];
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof args[1] !== 'string') {
      // listen(port), listen(port, callback), listen(port, undefined, callback) as @hono/node-server calls it
      args.splice(1, args[1] === undefined && args.length > 1 ? 1 : 0, '127.0.0.1');
    }
  } else if (first && typeof first === 'object' && first.path === undefined && first.host === undefined) {
    args[0] = { ...first, host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};
