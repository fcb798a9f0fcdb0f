/**
 * The OCI data model (digests, descriptors, manifests, references) and content stores: OCI image
 * layout, in-memory and remote registry.
 */
@NullMarked
package dev.ocitrust.client;

import org.jspecify.annotations.NullMarked;
