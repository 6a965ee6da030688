package org.yiwang.fhir;

/**
 * A refusal of one entry of a transaction Bundle: the whole Bundle is refused (nothing stored) and the answer names
 * the entry ({@code Bundle.entry[i]}) in front of the refusal's own expressions.
 */
class BundleEntryException extends RuntimeException {

    private final int index;
    private final String resourceType;

    BundleEntryException(int index, String resourceType, RuntimeException cause) {
        super("Bundle.entry[" + index + "] (" + resourceType + "): " + cause.getMessage(), cause);
        this.index = index;
        this.resourceType = resourceType;
    }

    String path() {
        return "Bundle.entry[" + index + "]";
    }

    String resourceType() {
        return resourceType;
    }
}
