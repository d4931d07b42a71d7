# Summarises a JMH "-prof jfr" recording: execution samples by thread, top self frames and
# inclusive frames of the Flink task threads. Usage: python3 jfr_summary.py profile.jfr [THREADS]
# (needs the JDK's `jfr` tool on PATH). THREADS, a regular expression, picks the threads to
# summarise by name (e.g. 'Source|Stagger|JSON' for a flink-kda run); then the top inclusive
# frames are listed unfiltered.
import re, sys, subprocess, collections
f = sys.argv[1]
out = subprocess.run(['jfr','print','--events','jdk.ExecutionSample','--stack-depth','64',f],capture_output=True,text=True).stdout
samples = []
cur = None
for line in out.splitlines():
    s = line.strip()
    if s.startswith('jdk.ExecutionSample'):
        cur = {'thread':'', 'frames':[]}; samples.append(cur)
    elif s.startswith('sampledThread'):
        cur['thread'] = s
    elif cur is not None and re.match(r'^[\w$.<>]+\(.*\)( line:.*)?$', s):
        cur['frames'].append(re.sub(r' line:.*','',s))
total = len(samples)
print('samples', total)
threads = collections.Counter(re.sub(r'\(.*','',x['thread']).split('"')[1] if '"' in x['thread'] else x['thread'] for x in samples)
print('by thread:', threads.most_common(8))
# only task threads (the operator chain)
pattern = sys.argv[2] if len(sys.argv) > 2 else None
if pattern:
    task = [x for x in samples if re.search(pattern, x['thread'])]
else:
    task = [x for x in samples if 'Window' in x['thread'] or 'Stagger' in x['thread'] or 'Source' in x['thread'] or 'sum' in x['thread']]
print('task-thread samples', len(task))
self_c = collections.Counter(x['frames'][0] for x in task if x['frames'])
print('--- top self frames (task threads)')
for k,v in self_c.most_common(25): print(f'{v*100/len(task):5.1f}% {k}')
incl = collections.Counter()
for x in task:
    for fr in set(x['frames']): incl[fr]+=1
print('--- top inclusive (task threads), dev.flinkkda / windowing / state / timers')
for k,v in incl.most_common(400 if not pattern else 60):
    if pattern or re.search(r'flinkkda|WindowOperator|MergingWindowSet|HeapPriorityQueue|InternalTimerServiceImpl|Heap\w*State|StateTable|Serializer\.|RecordWriter|processElement|onEventTime|advanceWatermark|emitRecord|PojoSerializer|StreamElementSerializer|SpillingAdaptive|deserial', k):
        print(f'{v*100/len(task):5.1f}% {k}')
