package dev.flinkkda.kda.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SIGINT and SIGTERM while an embedded run's job runs. By default the JVM would exit at once, in
 * the middle of a line, and print no summary; instead the first signal is recorded, for the run to
 * stop its job, flush and report. Once {@link #close closed}, the signals have their default again:
 * a second one during the stop ends the JVM at once.
 *
 * <p>{@code sun.misc.Signal} is the only way Java offers to handle a signal without exiting
 * (shutdown hooks run while the JVM, and the embedded Flink cluster with it, already shuts down).
 * It is reached by reflection: javac warns about every use of it, and no annotation silences that.
 * Where it is missing or the JVM keeps a signal ({@code java -Xrs}), the signal keeps its default.
 */
final class StopSignals implements AutoCloseable {

    private static final String[] NAMES = {"INT", "TERM"};

    /** The first signal: its name ({@code TERM}) and number (15). */
    private record Received(String name, int number) {}

    private final AtomicReference<Received> received = new AtomicReference<>();

    /** The handlers the signals had before, by signal, to give them back. */
    private final Map<Object, Object> previous = new LinkedHashMap<>();

    private Method handle;

    private StopSignals() {}

    /** Handles no signal: for a job on a cluster, which goes on without this client. */
    static StopSignals none() {
        return new StopSignals();
    }

    /** Handles SIGINT and SIGTERM until {@link #close}. */
    static StopSignals install() {
        StopSignals signals = new StopSignals();
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method name = signalClass.getMethod("getName");
            Method number = signalClass.getMethod("getNumber");
            InvocationHandler receive =
                    (proxy, method, args) ->
                            switch (method.getName()) {
                                case "handle" -> {
                                    signals.received.compareAndSet(
                                            null,
                                            new Received(
                                                    (String) name.invoke(args[0]),
                                                    (Integer) number.invoke(args[0])));
                                    yield null;
                                }
                                case "equals" -> proxy == args[0];
                                case "hashCode" -> System.identityHashCode(proxy);
                                default -> "flink-kda stop signal handler";
                            };
            Object handler =
                    Proxy.newProxyInstance(
                            StopSignals.class.getClassLoader(),
                            new Class<?>[] {handlerClass},
                            receive);
            signals.handle = signalClass.getMethod("handle", signalClass, handlerClass);
            for (String signalName : NAMES) {
                Object signal = signalClass.getConstructor(String.class).newInstance(signalName);
                try {
                    signals.previous.put(signal, signals.handle.invoke(null, signal, handler));
                } catch (ReflectiveOperationException e) {
                    // The JVM keeps this signal (java -Xrs): its default stays.
                }
            }
        } catch (ReflectiveOperationException e) {
            // no sun.misc.Signal in this JVM: the signals keep their default
        }
        return signals;
    }

    /** The first signal received, e.g. {@code SIGTERM}. */
    Optional<String> received() {
        return Optional.ofNullable(received.get()).map(r -> "SIG" + r.name());
    }

    /** The exit status of a process ended by the signal received: 128 + its number (130, 143). */
    int exitStatus() {
        return 128 + received.get().number();
    }

    /** Gives the signals back to their previous handlers. */
    @Override
    public void close() {
        for (Map.Entry<Object, Object> signal : previous.entrySet()) {
            try {
                handle.invoke(null, signal.getKey(), signal.getValue());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot restore the handler of " + signal, e);
            }
        }
        previous.clear();
    }
}
