# Stack context of one frame in a JMH "-prof jfr" recording, over the samples of the Flink task
# threads (thread name containing "sum"). Usage (needs the JDK's `jfr` tool on PATH):
#   python3 jfr_stacks.py profile.jfr callers FRAME_SUBSTRING [depth [THREADS]]  the frame and its callers
#   python3 jfr_stacks.py profile.jfr callees FRAME_SUBSTRING [depth [THREADS]]  what runs under the frame
# THREADS, a regular expression, picks other threads by name (e.g. 'Source: ' for the one task of
# a `flink-kda run` at parallelism 1, recorded with -XX:StartFlightRecording).
# Shares are of all task-thread samples.
import re, sys, subprocess, collections

f, mode, pat = sys.argv[1], sys.argv[2], sys.argv[3]
depth = int(sys.argv[4]) if len(sys.argv) > 4 else 3
threads = sys.argv[5] if len(sys.argv) > 5 else 'sum'
out = subprocess.run(['jfr', 'print', '--events', 'jdk.ExecutionSample', '--stack-depth', '64', f],
                     capture_output=True, text=True).stdout
samples = []
cur = None
for line in out.splitlines():
    s = line.strip()
    if s.startswith('jdk.ExecutionSample'):
        cur = {'t': '', 'f': []}
        samples.append(cur)
    elif s.startswith('sampledThread'):
        cur['t'] = s
    elif cur is not None and re.match(r'^[\w$.<>]+\(.*\)( line:.*)?$', s):
        cur['f'].append(re.sub(r'\(.*', '', s))
task = [x for x in samples if re.search(threads, x['t'])]
c = collections.Counter()
for x in task:
    fr = x['f']  # innermost first
    if mode == 'callers':
        for i, name in enumerate(fr):
            if pat in name:
                c[' <- '.join(fr[i:i + depth])] += 1
                break
    else:
        for i in range(len(fr) - 1, -1, -1):  # outermost occurrence
            if pat in fr[i]:
                c[' -> '.join(reversed(fr[max(0, i - depth):i])) or '(self)'] += 1
                break
for k, v in c.most_common(20):
    print(f'{v * 100 / len(task):5.1f}% {k}')
