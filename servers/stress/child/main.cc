// stress_child: the tasks the stress workloads spawn (servers/stress/), one program whose first
// argument says what it does:
//   stress_child exit     returns at once (task churn)
int main(int argc, char** argv) {
  if (argc < 2) return 100;
  const char* mode = argv[1];
  if (mode[0] == 'e' && mode[1] == 'x' && mode[2] == 'i' && mode[3] == 't' && mode[4] == '\0') {
    return 0;
  }
  return 101;
}
