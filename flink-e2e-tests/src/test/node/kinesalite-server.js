// Starts Kinesalite (an in-memory Kinesis) for the end-to-end tests.
//
// Usage: node kinesalite-server.js [--host 127.0.0.1] [--shardLimit 1000] [--createStreamMs 50]
//
// Listens on a free port chosen by the operating system (kinesalite's own `--port 0` does not do
// that) and prints one line `KINESALITE_PORT=<port>` once it accepts connections. Exits when its
// standard input closes, so it never outlives the JVM that started it.
'use strict'

const kinesalite = require('kinesalite')

// `--name value` pairs; nothing else is accepted.
const argv = {}
const args = process.argv.slice(2)
for (let i = 0; i < args.length; i += 2) {
  if (!args[i].startsWith('--') || i + 1 >= args.length) {
    console.error('usage: node kinesalite-server.js [--host H] [--shardLimit N] [--createStreamMs MS]')
    process.exit(2)
  }
  argv[args[i].substring(2)] = args[i + 1]
}

const host = argv.host || '127.0.0.1'
const options = {
  shardLimit: Number(argv.shardLimit || 1000),
  createStreamMs: Number(argv.createStreamMs || 50),
  deleteStreamMs: Number(argv.deleteStreamMs || 50),
  updateStreamMs: Number(argv.updateStreamMs || 50),
}

const server = kinesalite(options)
server.on('error', (err) => {
  console.error('kinesalite failed: ' + err.stack)
  process.exit(1)
})
server.listen(0, host, () => {
  console.log('KINESALITE_PORT=' + server.address().port)
})

process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', () => process.exit(0))
process.stdin.resume()
process.on('SIGTERM', () => process.exit(0))
process.on('SIGINT', () => process.exit(0))
