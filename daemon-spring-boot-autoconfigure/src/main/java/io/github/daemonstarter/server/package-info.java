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

/**
 * The web server of an application JVM serving on a listening socket that it inherited on
 * its standard input, from a process supervisor or systemd, instead of binding its own:
 * several JVMs then share one accept queue, so that one can replace another without a
 * refused connection.
 */
@NullMarked
package io.github.daemonstarter.server;

import org.jspecify.annotations.NullMarked;
