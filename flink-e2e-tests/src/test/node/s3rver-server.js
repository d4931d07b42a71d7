// Starts s3rver (a local S3 on the file system) for the end-to-end tests.
//
// Usage: node s3rver-server.js --directory DIR [--host 127.0.0.1]
//
// Listens on a free port chosen by the operating system and prints one line `S3RVER_PORT=<port>`
// once it accepts connections. Buckets and objects live under DIR. Requests without an
// Authorization header are accepted (anonymous), signed ones must use s3rver's keys (S3RVER).
// Exits when its standard input closes, so it never outlives the JVM that started it.
'use strict'

const S3rver = require('s3rver')

// `--name value` pairs; nothing else is accepted.
const argv = {}
const args = process.argv.slice(2)
for (let i = 0; i < args.length; i += 2) {
  if (!args[i].startsWith('--') || i + 1 >= args.length) {
    console.error('usage: node s3rver-server.js --directory DIR [--host H]')
    process.exit(2)
  }
  argv[args[i].substring(2)] = args[i + 1]
}
if (!argv.directory) {
  console.error('usage: node s3rver-server.js --directory DIR [--host H]')
  process.exit(2)
}

const server = new S3rver({
  address: argv.host || '127.0.0.1',
  port: 0,
  directory: argv.directory,
  silent: true,
  vhostBuckets: false,
})
server.run((err, address) => {
  if (err) {
    console.error('s3rver failed: ' + (err.stack || err))
    process.exit(1)
  }
  console.log('S3RVER_PORT=' + address.port)
})

process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', () => process.exit(0))
process.stdin.resume()
process.on('SIGTERM', () => process.exit(0))
process.on('SIGINT', () => process.exit(0))
