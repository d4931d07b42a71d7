# Replays SessionWindowBenchmark's input (SessionRecordGenerator, watermarks t-1 every 1,000 ms of
# event time, after the record) through a port of SessionTimestampOrder's timer logic: the rule of
# 1018046 (timer at end - 1, moved when it fires early) and the rule after it (timer at cut - 1
# unless elements are held), and counts timer firings and registrations. Event-time ordering only
# (the benchmark's input is in order). Usage: python3 session_timer_sim.py [records]
import sys, heapq
N = int(sys.argv[1]) if len(sys.argv) > 1 else 7_200_000
GAP, MAXD = 10_000, 60_000
RPS, KPP, CYC = 700, 5, 200
def key(i):
    second, slot = divmod(i, RPS)
    active = slot // KPP
    pos = active if active < 40 else 60 + active - 40
    return (pos - second) % CYC + CYC * (slot % KPP)
def ts(i): return (i // RPS) * 1000 + i % RPS
cut = lambda s: s + MAXD
end = lambda s, r: min(r, cut(s))
joins = lambda s, e, t: s <= t <= e and t < cut(s)

def run(new):
    open_, held, queue, qset = {}, {}, [], set()
    st = dict(fires=0, registrations=0, held=0, passed=0, sessions=0)
    def reg(k, t):
        if (k, t) not in qset:
            qset.add((k, t)); heapq.heappush(queue, (t, k)); st['registrations'] += 1
    def arm(k, o):
        exact = (not new) or bool(held.get(k))
        o[2] = o[1] - 1 if exact else cut(o[0]) - 1
        reg(k, o[2])
    def on_timer(k, time):
        st['fires'] += 1
        o = open_.get(k)
        if new and o is not None and time > o[1] - 1:
            del open_[k]; o = None
        opened = False
        hk = held.get(k)
        if hk and time in hk:
            n = hk.pop(time)
            for _ in range(n):
                r = time + GAP
                if o is not None and joins(o[0], o[1], time):
                    o[1] = end(o[0], max(o[1], r))
                else:
                    e = end(time, r); o = [time, e, None]; open_[k] = o; opened = True
                    st['sessions'] += 1
                    if not new: o[2] = e - 1; reg(k, e - 1)
        if o is None: return
        if time >= o[1] - 1:
            while joins(o[0], o[1], o[1]) and held.get(k, {}).get(o[1]):
                e0 = o[1]; n = held[k].pop(e0)
                o[1] = end(o[0], max(o[1], e0 + GAP))
            if time >= o[1] - 1:
                del open_[k]; return
            arm(k, o)
        elif (new and opened) or time == o[2]:
            arm(k, o)
    wm, next_at = -2**63, None
    for i in range(N):
        k, t = key(i), ts(i)
        # processElement
        if t <= wm:
            st['passed'] += 1
        else:
            o = open_.get(k)
            if new and o is not None and wm >= o[1] - 1: o = None
            if o is not None and joins(o[0], o[1], t):
                o[1] = end(o[0], max(o[1], t + GAP)); st['passed'] += 1
            else:
                hk = held.setdefault(k, {})
                if t not in hk: reg(k, t)
                hk[t] = hk.get(t, 0) + 1; st['held'] += 1
                if new and o is not None and o[2] > o[1] - 1:
                    o[2] = o[1] - 1; reg(k, o[2])
        # watermark generator, after the record
        if next_at is None or t >= next_at:
            if next_at is not None:
                wm = t - 1
                while queue and queue[0][0] <= wm:
                    tt, kk = heapq.heappop(queue); qset.discard((kk, tt)); on_timer(kk, tt)
            next_at = t + 1000
    wm = 2**63 - 1
    while queue:
        tt, kk = heapq.heappop(queue); qset.discard((kk, tt)); on_timer(kk, tt)
    return st
for name, new in (('1018046 (end - 1, moved)', False), ('this change (cut - 1 unless held)', True)):
    s = run(new)
    print(f"{name}: records {N:,}, sessions {s['sessions']:,}, held {s['held']:,}, "
          f"timer registrations {s['registrations']:,}, timer firings {s['fires']:,} "
          f"({s['fires']/N:.3f} per record, {s['fires']/max(1,s['sessions']):.2f} per session)")
