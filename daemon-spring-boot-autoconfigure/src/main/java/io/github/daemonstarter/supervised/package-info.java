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
 * The two ends of the connection between a process supervisor and each application JVM
 * that it starts: what a supervised application knows of its supervisor
 * ({@link io.github.daemonstarter.supervised.SupervisedApplication}) and the supervisor's
 * UNIX socket to which it connects
 * ({@link io.github.daemonstarter.supervised.ApplicationChannels}).
 */
@NullMarked
package io.github.daemonstarter.supervised;

import org.jspecify.annotations.NullMarked;
