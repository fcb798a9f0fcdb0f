/**
 * The remote registry client's collaborators: auth, retry and redirect interceptors, the token
 * cache, upload and download helpers. Not exported; not public API.
 */
@NullMarked
package dev.ocitrust.client.internal.remote;

import org.jspecify.annotations.NullMarked;
