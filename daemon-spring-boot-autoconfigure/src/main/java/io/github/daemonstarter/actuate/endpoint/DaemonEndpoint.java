/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.daemonstarter.actuate.endpoint;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.daemonstarter.actuate.DaemonFiles;
import io.github.daemonstarter.faststart.FastStartReporter;
import io.github.daemonstarter.posix.ProcessState;
import io.github.daemonstarter.restart.RestartPolicy;
import io.github.daemonstarter.status.StatusFile;
import io.github.daemonstarter.status.SupervisorReload;
import io.github.daemonstarter.status.SupervisorState;
import io.github.daemonstarter.status.SupervisorStatus;
import io.github.daemonstarter.supervised.SupervisedApplication;
import io.github.daemonstarter.watchdog.Watchdog;
import io.github.daemonstarter.watchdog.WorkerFailure;
import io.github.daemonstarter.watchdog.WorkerSnapshot;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.core.env.Environment;

/**
 * {@link Endpoint @Endpoint} that describes the daemon: its process, PID file, log file
 * and the workers of the {@link Watchdog}, and restarts, stops or starts a worker. It
 * serves every technology (JMX and web); {@link DaemonEndpointWebExtension} gives its
 * write operation HTTP status codes. Durations (the uptime and the restart policy's
 * delays) are ISO-8601 strings such as {@code PT1H2M3.5S}; instants are ISO-8601
 * timestamps.
 *
 * @author Daemon Starter Team
 * @since 1.0.0
 */
@Endpoint(id = "daemon", defaultAccess = Access.READ_ONLY)
public class DaemonEndpoint {

	private static final List<String> ACTIONS = List.of("restart", "stop", "start");

	private final Environment environment;

	private final @Nullable Watchdog watchdog;

	private final Show showValues;

	private final Collection<String> roles;

	private final SanitizedCommandLine commandLine;

	private @Nullable FastStartReporter fastStart;

	/**
	 * Create a new instance.
	 * @param environment the environment, for the PID and log file settings
	 * @param watchdog the watchdog, or {@code null} if it is disabled
	 * @param sanitizer sanitizes the values of options on the command line
	 * @param showValues when to show the values of options on the command line
	 * @param roles the roles that may see unsanitized values when
	 * {@link Show#WHEN_AUTHORIZED}
	 */
	public DaemonEndpoint(Environment environment, @Nullable Watchdog watchdog, Sanitizer sanitizer, Show showValues,
			Collection<String> roles) {
		this(environment, watchdog, sanitizer, showValues, roles, SanitizedCommandLine::current);
	}

	DaemonEndpoint(Environment environment, @Nullable Watchdog watchdog, Sanitizer sanitizer, Show showValues,
			Collection<String> roles, Supplier<List<String>> commandLine) {
		this.environment = environment;
		this.watchdog = watchdog;
		this.showValues = showValues;
		this.roles = roles;
		this.commandLine = new SanitizedCommandLine(environment, sanitizer, commandLine);
	}

	/**
	 * Set the fast start of this JVM, which it describes.
	 * @param fastStart the reporter of the fast start
	 */
	void setFastStart(FastStartReporter fastStart) {
		this.fastStart = fastStart;
	}

	/**
	 * Describe the daemon.
	 * @param securityContext the security context, to decide whether option values are
	 * shown
	 * @return the descriptor
	 */
	@ReadOperation
	public DaemonDescriptor daemon(SecurityContext securityContext) {
		ProcessHandle process = ProcessHandle.current();
		long pid = process.pid();
		Instant startedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
		String pidFile = this.environment.getProperty("spring.pid.file");
		boolean showUnsanitized = this.showValues.isShown(securityContext, this.roles);
		return new DaemonDescriptor(pid, process.parent().map(ProcessHandle::pid).orElse(null), startedAt,
				Duration.between(startedAt, Instant.now()).toString(), pidFile, DaemonFiles.isLockedBy(pidFile, pid),
				DaemonFiles.logFile(this.environment), ProcessState.isDetached(pid),
				this.commandLine.commandLine(showUnsanitized), this.commandLine.jvmOptions(showUnsanitized),
				System.getProperty("java.version"), (this.fastStart != null) ? this.fastStart.describe() : null,
				supervisor(), workers());
	}

	/**
	 * Describe one worker of the watchdog.
	 * @param name the worker name
	 * @return the descriptor, or {@code null} if there is no such worker
	 */
	@ReadOperation
	public @Nullable WorkerDescriptor worker(@Selector String name) {
		if (this.watchdog == null) {
			return null;
		}
		WorkerSnapshot snapshot = this.watchdog.getWorker(name);
		return (snapshot != null) ? describe(snapshot) : null;
	}

	/**
	 * Restart, stop or start a worker of the watchdog.
	 * @param name the worker name
	 * @param action {@code restart}, {@code stop} or {@code start}
	 * @return the worker as it is right after the request, or {@code null} if there is no
	 * such worker
	 * @throws InvalidEndpointRequestException if the action is unknown
	 */
	@WriteOperation
	public @Nullable WorkerDescriptor action(@Selector String name, String action) {
		if (!ACTIONS.contains(action)) {
			String message = unknownActionMessage(action);
			throw new InvalidEndpointRequestException(message, message);
		}
		if (this.watchdog == null || !perform(this.watchdog, name, action)) {
			return null;
		}
		return worker(name);
	}

	/**
	 * Return whether an action is one that {@link #action(String, String)} knows.
	 * @param action the action
	 * @return whether it is {@code restart}, {@code stop} or {@code start}
	 */
	static boolean isKnownAction(String action) {
		return ACTIONS.contains(action);
	}

	/**
	 * Return the message that rejects an unknown action, naming the known ones.
	 * @param action the unknown action
	 * @return the message
	 */
	static String unknownActionMessage(String action) {
		return "Unknown action '" + action + "', expected one of " + String.join(", ", ACTIONS);
	}

	private static boolean perform(Watchdog watchdog, String name, String action) {
		return switch (action) {
			case "restart" -> watchdog.restartWorker(name);
			case "stop" -> watchdog.stopWorker(name);
			default -> watchdog.startWorker(name);
		};
	}

	private static @Nullable SupervisorDescriptor supervisor() {
		SupervisedApplication supervised = SupervisedApplication.current();
		if (supervised == null) {
			return null;
		}
		Path statusFile = supervised.getSupervisorStatusFile();
		SupervisorStatus status = (statusFile != null) ? SupervisorStatus.fromEntries(new StatusFile(statusFile).read())
				: null;
		return new SupervisorDescriptor(supervised.getSupervisorPid(), supervised.getRestarts(),
				(status != null) ? ReloadDescriptor.of(status) : null);
	}

	private Map<String, WorkerDescriptor> workers() {
		Map<String, WorkerDescriptor> workers = new LinkedHashMap<>();
		if (this.watchdog != null) {
			this.watchdog.getWorkers().forEach((worker) -> workers.put(worker.name(), describe(worker)));
		}
		return workers;
	}

	private WorkerDescriptor describe(WorkerSnapshot worker) {
		WorkerFailure failure = worker.lastFailure();
		RestartPolicy policy = (this.watchdog != null) ? this.watchdog.getRestartPolicy(worker.name()) : null;
		return new WorkerDescriptor(worker.state().name(), worker.restartCount(),
				(failure != null) ? new FailureDescriptor(failure.type(), failure.message(), failure.time()) : null,
				worker.nextRestart(), worker.runningSince(), (policy != null) ? PolicyDescriptor.of(policy) : null,
				worker.critical());
	}

	/**
	 * Description of the daemon.
	 *
	 * @param pid the process id
	 * @param parentPid the parent's process id, if known
	 * @param startedAt when the JVM started
	 * @param uptime how long the JVM runs, as an ISO-8601 duration
	 * @param pidFile the PID file ({@code spring.pid.file}), if any
	 * @param pidFileLocked whether this process holds the lock on the PID file, or
	 * {@code null} if there is no PID file or it cannot be inspected
	 * @param logFile the file that standard output goes to or else
	 * {@code logging.file.name}, if any
	 * @param detached whether the process leads its own session without a controlling
	 * terminal
	 * @param commandLine the command line, with option values sanitized
	 * @param jvmOptions the JVM options that {@code daemon.jvm-options} added to the
	 * command line, with option values sanitized
	 * @param javaVersion the Java version
	 * @param fastStart the fast start of this JVM: the cache entry it runs from and
	 * whether it used the class data archive, or {@code null} without fast start
	 * @param supervisor the process supervisor that runs this application, or
	 * {@code null} if none does
	 * @param workers the workers of the watchdog by name, in start order
	 */
	public record DaemonDescriptor(long pid, @Nullable Long parentPid, Instant startedAt, String uptime,
			@Nullable String pidFile, @Nullable Boolean pidFileLocked, @Nullable String logFile, boolean detached,
			List<String> commandLine, List<String> jvmOptions, String javaVersion,
			FastStartReporter.@Nullable Description fastStart, @Nullable SupervisorDescriptor supervisor,
			Map<String, WorkerDescriptor> workers) implements OperationResponseBody {

	}

	/**
	 * Description of the process supervisor that runs the application.
	 *
	 * @param pid the supervisor's process id
	 * @param restarts how many times the supervisor restarted the application before this
	 * run
	 * @param reload how the supervisor reloads the application and how its reloads went,
	 * if it published them
	 */
	public record SupervisorDescriptor(long pid, int restarts, @Nullable ReloadDescriptor reload) {

		/**
		 * Create a description without reloads.
		 * @param pid the supervisor's process id
		 * @param restarts how many times the supervisor restarted the application
		 */
		public SupervisorDescriptor(long pid, int restarts) {
			this(pid, restarts, null);
		}

	}

	/**
	 * Description of the supervisor's reloads, from its status file.
	 *
	 * @param mode {@code handover}, {@code restart} or {@code refused}
	 * @param count how many reloads replaced the application
	 * @param inProgress whether a reload runs
	 * @param serving the PIDs of the application JVMs that accept connections: two while
	 * a reload hands the socket over
	 * @param retiring the PID of a replaced JVM that finishes its requests in flight, if
	 * any
	 * @param lastAt when the last reload ended, if one has
	 * @param lastResult what the last reload did, or why it failed
	 * @param lastFailed whether the last reload failed
	 */
	public record ReloadDescriptor(String mode, int count, boolean inProgress, List<Long> serving,
			@Nullable Long retiring, @Nullable Instant lastAt, @Nullable String lastResult, boolean lastFailed) {

		static ReloadDescriptor of(SupervisorStatus status) {
			SupervisorReload reload = status.reload();
			boolean inProgress = status.isIn(SupervisorState.RELOADING);
			List<Long> serving = new ArrayList<>();
			if (status.applicationPid() != null) {
				serving.add(status.applicationPid());
			}
			if (inProgress && status.nextApplicationPid() != null) {
				serving.add(status.nextApplicationPid());
			}
			return new ReloadDescriptor(reload.mode(), reload.count(), inProgress, List.copyOf(serving),
					reload.retiringPid(), reload.lastAt(), reload.lastResult(), reload.lastFailed());
		}

	}

	/**
	 * Description of a worker.
	 *
	 * @param state the worker state
	 * @param restarts how many times the worker has been restarted
	 * @param lastFailure the last failure, if any
	 * @param nextRestartAt when the worker restarts, if it is in backoff
	 * @param runningSince when the current run started, if it runs
	 * @param policy the restart policy
	 * @param critical whether the application is broken when the worker gives up
	 */
	public record WorkerDescriptor(String state, int restarts, @Nullable FailureDescriptor lastFailure,
			@Nullable Instant nextRestartAt, @Nullable Instant runningSince, @Nullable PolicyDescriptor policy,
			boolean critical) implements OperationResponseBody {

	}

	/**
	 * Description of a worker failure.
	 *
	 * @param type the exception class name
	 * @param message the exception message, if any
	 * @param at when the failure happened
	 */
	public record FailureDescriptor(String type, @Nullable String message, Instant at) {

	}

	/**
	 * Description of a restart policy. Durations are ISO-8601 strings.
	 *
	 * @param mode the restart mode
	 * @param initialDelay the delay before the first restart
	 * @param multiplier the factor by which the delay grows
	 * @param maxDelay the longest delay
	 * @param jitter the random fraction added to or taken from each delay
	 * @param maxRestarts the restarts allowed within the window, -1 for unlimited
	 * @param window the window in which restarts are counted
	 * @param resetAfter how long a run must last for the backoff to start afresh
	 */
	public record PolicyDescriptor(String mode, String initialDelay, double multiplier, String maxDelay, double jitter,
			int maxRestarts, String window, String resetAfter) {

		static PolicyDescriptor of(RestartPolicy policy) {
			return new PolicyDescriptor(policy.getMode().name(), policy.getInitialDelay().toString(),
					policy.getMultiplier(), policy.getMaxDelay().toString(), policy.getJitter(),
					policy.getMaxRestarts(), policy.getWindow().toString(), policy.getResetAfter().toString());
		}

	}

}
