"""The demo municipality (Havvig Kommune, fictional) and the classifier's training examples."""
