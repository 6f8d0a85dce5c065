// The task fault_inject_user_test spawns and starts: it ends at once. What is swept is the
// parent's spawn, start and grant, not anything this program does.
int main() { return 0; }
