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

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load of bench/reload.sh: loopback clients that send {@code GET /sample/pid} to the
 * sample app as fast as it answers until a stop file appears, then print one line:
 * {@code served failed refused retried p50_ms p99_ms max_ms}.
 * <p>
 * Usage: {@code java ReloadLoad.java <port> <clients> <close|keep-alive> <stop file>}.
 * With {@code close} every request opens a new connection; with {@code keep-alive} each
 * client keeps its connection until the server closes it, then opens another. A refused
 * connection is counted as refused; any other error, a reset or a response other than 200
 * as failed; a keep-alive connection that the server closed before it answered the next
 * request as retried (an HTTP client resends such an idempotent request). Latency is measured per request, connect included.
 */
public final class ReloadLoad {

	private static final int TIMEOUT_MILLIS = 30_000;

	private static final byte[] REQUEST_CLOSE = ("GET /sample/pid HTTP/1.1\r\nHost: localhost\r\n"
			+ "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

	private static final byte[] REQUEST_KEEP_ALIVE = ("GET /sample/pid HTTP/1.1\r\nHost: localhost\r\n\r\n")
		.getBytes(StandardCharsets.US_ASCII);

	private final int port;

	private final boolean keepAlive;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong refused = new AtomicLong();

	private final AtomicLong retried = new AtomicLong();

	private ReloadLoad(int port, boolean keepAlive) {
		this.port = port;
		this.keepAlive = keepAlive;
	}

	public static void main(String[] args) throws Exception {
		ReloadLoad load = new ReloadLoad(Integer.parseInt(args[0]), args[2].equals("keep-alive"));
		int clients = Integer.parseInt(args[1]);
		Path stopFile = Path.of(args[3]);
		List<long[]> latencies = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		List<LatencyLog> logs = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			LatencyLog log = new LatencyLog();
			logs.add(log);
			Thread thread = new Thread(() -> load.run(log));
			threads.add(thread);
			thread.start();
		}
		while (!Files.exists(stopFile)) {
			Thread.sleep(20);
		}
		load.running.set(false);
		for (Thread thread : threads) {
			thread.join();
		}
		long served = 0;
		for (LatencyLog log : logs) {
			latencies.add(Arrays.copyOf(log.values, log.size));
			served += log.size;
		}
		long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
		System.out.printf("%d %d %d %d %s %s %s%n", served, load.failed.get(), load.refused.get(), load.retried.get(),
				percentile(all, 50),
				percentile(all, 99), (all.length > 0) ? millis(all[all.length - 1]) : "n/a");
	}

	private void run(LatencyLog log) {
		Socket socket = null;
		while (this.running.get()) {
			long start = System.nanoTime();
			try {
				if (socket == null) {
					socket = new Socket();
					socket.connect(new InetSocketAddress("127.0.0.1", this.port), TIMEOUT_MILLIS);
					socket.setSoTimeout(TIMEOUT_MILLIS);
				}
				OutputStream output = socket.getOutputStream();
				output.write(this.keepAlive ? REQUEST_KEEP_ALIVE : REQUEST_CLOSE);
				output.flush();
				Response response = Response.read(socket.getInputStream(), !this.keepAlive);
				if (response == null && this.keepAlive) {
					// Closed while idle, before any byte of a response: a server drops
					// idle keep-alive connections as it shuts down, and HTTP clients
					// retry an idempotent request on such a connection (RFC 9110 9.2.2)
					this.retried.incrementAndGet();
					socket.close();
					socket = null;
					continue;
				}
				if (response == null || response.status != 200) {
					this.failed.incrementAndGet();
				}
				else {
					log.add(System.nanoTime() - start);
				}
				if (!this.keepAlive || response == null || response.close) {
					socket.close();
					socket = null;
				}
			}
			catch (ConnectException ex) {
				this.refused.incrementAndGet();
				socket = null;
			}
			catch (IOException ex) {
				this.failed.incrementAndGet();
				closeQuietly(socket);
				socket = null;
			}
		}
		closeQuietly(socket);
	}

	private static void closeQuietly(Socket socket) {
		try {
			if (socket != null) {
				socket.close();
			}
		}
		catch (IOException ex) {
			// Nothing to release
		}
	}

	private static String percentile(long[] sorted, int percentile) {
		if (sorted.length == 0) {
			return "n/a";
		}
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return millis(sorted[Math.max(0, index)]);
	}

	private static String millis(long nanos) {
		return String.format("%.1f", nanos / 1_000_000.0);
	}

	/**
	 * The latencies of one client.
	 */
	private static final class LatencyLog {

		private long[] values = new long[1024];

		private int size;

		void add(long nanos) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = nanos;
		}

	}

	/**
	 * A response: its status and whether the server closes the connection after it.
	 */
	private record Response(int status, boolean close) {

		/**
		 * Read one response with a {@code Content-Length} or chunked body.
		 * @param input the connection
		 * @param untilEnd whether the server closes the connection after the response
		 * @return the response, or {@code null} if the connection ended before a status
		 * line
		 */
		static Response read(InputStream input, boolean untilEnd) throws IOException {
			String status = line(input);
			if (status == null) {
				return null;
			}
			int code = Integer.parseInt(status.split(" ")[1]);
			long length = -1;
			boolean chunked = false;
			boolean close = untilEnd;
			String header;
			while ((header = line(input)) != null && !header.isEmpty()) {
				String lower = header.toLowerCase();
				if (lower.startsWith("content-length:")) {
					length = Long.parseLong(lower.substring(15).trim());
				}
				else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
					chunked = true;
				}
				else if (lower.startsWith("connection:") && lower.contains("close")) {
					close = true;
				}
			}
			if (chunked) {
				long size;
				while ((size = Long.parseLong(line(input).trim(), 16)) > 0) {
					input.skipNBytes(size);
					line(input);
				}
				line(input);
			}
			else if (length >= 0) {
				input.skipNBytes(length);
			}
			else {
				input.readAllBytes();
			}
			return new Response(code, close);
		}

		private static String line(InputStream input) throws IOException {
			StringBuilder line = new StringBuilder();
			int c;
			while ((c = input.read()) >= 0) {
				if (c == '\n') {
					return line.toString().stripTrailing();
				}
				line.append((char) c);
			}
			return line.isEmpty() ? null : line.toString();
		}

	}

}
