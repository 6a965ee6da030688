package org.yiwang.fhir;

/**
 * A FHIR resource or request that cannot be turned into what the modules accept, before any module is asked:
 * answered 400 with an OperationOutcome naming the element ({@code expression}, a FHIRPath such as
 * {@code Patient.identifier[1].system}).
 */
class FhirInputException extends RuntimeException {

    private final String expression;

    FhirInputException(String expression, String message) {
        super(message);
        this.expression = expression;
    }

    String expression() {
        return expression;
    }
}
