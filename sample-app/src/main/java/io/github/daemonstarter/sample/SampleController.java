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

package io.github.daemonstarter.sample;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.core.log.LogMessage;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints that show how the daemon behaves: a slow request that a graceful stop lets
 * finish, numbered log lines for log rotation, and the arguments the daemon received.
 *
 * @author Daemon Starter Team
 */
@RestController
@RequestMapping("/sample")
class SampleController {

	private static final Log logger = LogFactory.getLog(SampleController.class);

	private final ApplicationArguments arguments;

	private final String releaseFile;

	SampleController(ApplicationArguments arguments, @Value("${sample.release-file:}") String releaseFile) {
		this.arguments = arguments;
		this.releaseFile = releaseFile;
	}

	/**
	 * Answer after the given time, or once the file that {@code sample.release-file}
	 * names exists, to show that a graceful stop completes requests in flight.
	 * @param millis how long to take
	 * @param response the response, which gets how long it took and the PID
	 * @throws InterruptedException if interrupted while waiting
	 * @throws IOException if the answer cannot be written
	 */
	@GetMapping("/slow")
	void slow(@RequestParam(defaultValue = "1000") long millis, HttpServletResponse response)
			throws InterruptedException, IOException {
		logger.info(LogMessage.format("Answering /sample/slow in %dms", millis));
		SampleWait.sleep(Duration.ofMillis(millis), this.releaseFile);
		// Sent before the servlet returns: Spring Boot's graceful shutdown counts a
		// request
		// as done once its servlet has returned, and on a loaded machine the connector
		// could close before a body written after that was flushed
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter().write("{\"millis\":" + millis + ",\"pid\":" + ProcessHandle.current().pid() + "}");
		response.flushBuffer();
	}

	/**
	 * Return the PID of the JVM that answers, to show which one serves while a reload
	 * hands the listening socket from one to the next.
	 * @return the PID
	 */
	@GetMapping("/pid")
	Map<String, Object> pid() {
		return Map.of("pid", ProcessHandle.current().pid());
	}

	/**
	 * Log the given number of numbered lines, to show (and test) that a rolled log file
	 * loses and doubles none.
	 * @param count how many lines to log
	 * @param batch a name for this batch, in every line
	 * @return how many lines were logged
	 */
	@GetMapping("/log")
	Map<String, Object> log(@RequestParam(defaultValue = "100") int count,
			@RequestParam(defaultValue = "batch") String batch) {
		for (int i = 0; i < count; i++) {
			logger.info(LogMessage.format("Sample log line %s-%d", batch, i));
		}
		return Map.of("logged", count);
	}

	/**
	 * Return the arguments the application received, to show that they survive the
	 * relaunch intact.
	 * @return the arguments
	 */
	@GetMapping("/args")
	List<String> args() {
		return List.of(this.arguments.getSourceArgs());
	}

}
