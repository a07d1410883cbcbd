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
 * Fast start: the daemon's JVM runs from the jar that Spring Boot's own tool extracts,
 * with a class data archive of the application (a dynamic CDS archive up to JDK 23, an
 * AOT cache from JDK 24), both kept in a cache that only the daemon's user may write.
 */
@NullMarked
package io.github.daemonstarter.faststart;

import org.jspecify.annotations.NullMarked;
