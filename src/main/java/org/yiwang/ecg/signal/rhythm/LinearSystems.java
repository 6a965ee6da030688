package org.yiwang.ecg.signal.rhythm;

/** Small dense linear systems (normal equations of the rhythm models' fits). */
final class LinearSystems {

    private LinearSystems() {
    }

    /**
     * Solves the leading {@code size} × {@code size} system {@code matrix · x = vector} by Gaussian elimination with
     * partial pivoting; null when it is singular.
     */
    static double[] solve(double[][] matrix, double[] vector, int size) {
        double[][] a = new double[size][size + 1];
        for (int i = 0; i < size; i++) {
            System.arraycopy(matrix[i], 0, a[i], 0, size);
            a[i][size] = vector[i];
        }
        for (int col = 0; col < size; col++) {
            int pivot = col;
            for (int row = col + 1; row < size; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            if (Math.abs(a[pivot][col]) < 1e-12) {
                return null;
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            for (int row = col + 1; row < size; row++) {
                double factor = a[row][col] / a[col][col];
                for (int k = col; k <= size; k++) {
                    a[row][k] -= factor * a[col][k];
                }
            }
        }
        double[] solution = new double[size];
        for (int row = size - 1; row >= 0; row--) {
            double sum = a[row][size];
            for (int k = row + 1; k < size; k++) {
                sum -= a[row][k] * solution[k];
            }
            solution[row] = sum / a[row][row];
        }
        return solution;
    }
}
